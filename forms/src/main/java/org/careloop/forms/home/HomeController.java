package org.careloop.forms.home;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

    private final boolean simulator;

    HomeController(@Value("${careloop.sms.provider:twilio}") String smsProvider) {
        this.simulator = "simulator".equals(smsProvider);
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("simulator", simulator);
        return "home";
    }

    @GetMapping("/login")
    String login(jakarta.servlet.http.HttpServletRequest request, Model model) {
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(org.careloop.forms.CurrentUser.LAST_SIGN_IN_NAME) != null) {
            model.addAttribute("username", session.getAttribute(org.careloop.forms.CurrentUser.LAST_SIGN_IN_NAME));
            session.removeAttribute(org.careloop.forms.CurrentUser.LAST_SIGN_IN_NAME);
        }
        return "login";
    }
}

package org.careloop.forms.home;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

    private final boolean simulator;
    private final SignInOptions signIn;

    HomeController(@Value("${careloop.sms.provider:twilio}") String smsProvider, SignInOptions signIn) {
        this.simulator = "simulator".equals(smsProvider);
        this.signIn = signIn;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("simulator", simulator);
        return "home";
    }

    /** Where the security filter forwards a signed-in user who asked for a page their role does not open (403). */
    @org.springframework.web.bind.annotation.RequestMapping("/denied")
    String denied(
            org.springframework.security.core.Authentication user,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_FORBIDDEN);
        String work = org.careloop.forms.CurrentUser.workPath(user);
        model.addAttribute("title", "No access");
        model.addAttribute(
                "problem",
                "Your role does not open this page. "
                        + (work == null ? "Ask an administrator if you need it." : "Your own work is a link away."));
        model.addAttribute("workPath", work);
        return "problem";
    }

    @GetMapping("/login")
    String login(jakarta.servlet.http.HttpServletRequest request, Model model) {
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(org.careloop.forms.CurrentUser.LAST_SIGN_IN_NAME) != null) {
            model.addAttribute("username", session.getAttribute(org.careloop.forms.CurrentUser.LAST_SIGN_IN_NAME));
            session.removeAttribute(org.careloop.forms.CurrentUser.LAST_SIGN_IN_NAME);
        }
        if (session != null && session.getAttribute(org.careloop.forms.CurrentUser.SINGLE_SIGN_ON_ERROR) != null) {
            model.addAttribute(
                    "singleSignOnError", session.getAttribute(org.careloop.forms.CurrentUser.SINGLE_SIGN_ON_ERROR));
            session.removeAttribute(org.careloop.forms.CurrentUser.SINGLE_SIGN_ON_ERROR);
        }
        model.addAttribute("singleSignOn", signIn.singleSignOn());
        model.addAttribute("localSignIn", signIn.localSignIn());
        return "login";
    }
}

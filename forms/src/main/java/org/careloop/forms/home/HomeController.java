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
    String login() {
        return "login";
    }
}

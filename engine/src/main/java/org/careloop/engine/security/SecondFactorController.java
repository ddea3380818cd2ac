package org.careloop.engine.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second step of signing in (a code from the user's authenticator app) and setting one up: a QR code to scan and
 * a first code to confirm it. Wrong codes count as failed sign-ins from that address; five in one session end it.
 */
@Controller
class SecondFactorController {

    static final int MAX_WRONG_CODES = 5;
    private static final String NEW_SECRET = "careloop.secondFactor.newSecret";
    private static final String WRONG_CODES = "careloop.secondFactor.wrongCodes";

    private final SecondFactor secondFactor;
    private final SignInThrottle throttle;

    SecondFactorController(SecondFactor secondFactor, SignInThrottle throttle) {
        this.secondFactor = secondFactor;
        this.throttle = throttle;
    }

    @GetMapping(SecondFactorSignIn.STEP)
    String step(HttpServletRequest request) {
        Authentication waiting = SecondFactorSignIn.waiting(request);
        if (waiting == null) {
            return "redirect:/login";
        }
        return secondFactor.enrolled(waiting.getName()) ? "second-factor" : "redirect:" + SecondFactorSignIn.SETUP;
    }

    @PostMapping(SecondFactorSignIn.STEP)
    String checkCode(
            @RequestParam(name = "code", defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Authentication waiting = SecondFactorSignIn.waiting(request);
        if (waiting == null) {
            return "redirect:/login";
        }
        if (secondFactor.verify(waiting.getName(), code)) {
            return signedIn(waiting, request, response);
        }
        return wrongCode(waiting.getName(), request, redirect, "redirect:" + SecondFactorSignIn.STEP);
    }

    /** Setting up: while signing in (required, or chosen) or later, by a user signed in without one. */
    @GetMapping(SecondFactorSignIn.SETUP)
    String setup(HttpServletRequest request, Model model) {
        String user = user(request);
        if (user == null) {
            return "redirect:/login";
        }
        HttpSession session = request.getSession();
        String secret = session.getAttribute(NEW_SECRET) instanceof String s ? s : secondFactor.newSecret();
        session.setAttribute(NEW_SECRET, secret);
        model.addAttribute("qrCode", secondFactor.qrCode(user, secret));
        model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("replacing", secondFactor.enrolled(user));
        return "second-factor-setup";
    }

    @PostMapping(SecondFactorSignIn.SETUP)
    String confirmSetup(
            @RequestParam(name = "code", defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String user = user(request);
        HttpSession session = request.getSession();
        if (user == null || !(session.getAttribute(NEW_SECRET) instanceof String secret)) {
            return "redirect:/login";
        }
        if (!secondFactor.confirm(user, secret, code)) {
            return wrongCode(user, request, redirect, "redirect:" + SecondFactorSignIn.SETUP);
        }
        session.removeAttribute(NEW_SECRET);
        Authentication waiting = SecondFactorSignIn.waiting(request);
        if (waiting != null) {
            return signedIn(waiting, request, response);
        }
        redirect.addFlashAttribute("message", "Two-step sign-in is set up: from now on you also give a code.");
        String work = org.careloop.forms.CurrentUser.workPath(
                SecurityContextHolder.getContext().getAuthentication());
        return "redirect:" + (work == null ? "/" : work);
    }

    /** The user signing in (password given), or the user signed in already. */
    private static String user(HttpServletRequest request) {
        Authentication waiting = SecondFactorSignIn.waiting(request);
        if (waiting != null) {
            return waiting.getName();
        }
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        return current == null || !current.isAuthenticated() || SecondFactorSignIn.pending(current)
                ? null
                : current.getName();
    }

    private String signedIn(Authentication waiting, HttpServletRequest request, HttpServletResponse response) {
        throttle.succeeded(waiting.getName(), request.getRemoteAddr());
        request.getSession().removeAttribute(WRONG_CODES);
        SavedRequest asked = new HttpSessionRequestCache().getRequest(request, response);
        SecondFactorSignIn.complete(request, response);
        if (asked != null) {
            return "redirect:" + asked.getRedirectUrl();
        }
        String work = org.careloop.forms.CurrentUser.workPath(waiting);
        return "redirect:" + (work == null ? "/" : work);
    }

    private String wrongCode(String user, HttpServletRequest request, RedirectAttributes redirect, String again) {
        String address = request.getRemoteAddr();
        throttle.failed(user, address);
        HttpSession session = request.getSession();
        int wrong = (session.getAttribute(WRONG_CODES) instanceof Integer n ? n : 0) + 1;
        session.setAttribute(WRONG_CODES, wrong);
        if (wrong >= MAX_WRONG_CODES || !throttle.allows(user, address)) {
            // the session ends: the password is asked for again, and the throttle counts every wrong code
            session.invalidate();
            SecurityContextHolder.clearContext();
            return "redirect:/login?throttled";
        }
        redirect.addFlashAttribute("error", "That code is not right. Use the newest code your app shows.");
        return again;
    }
}

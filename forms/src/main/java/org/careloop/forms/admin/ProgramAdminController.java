package org.careloop.forms.admin;

import java.io.IOException;
import org.careloop.forms.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The programs page: every process model and decision with its versions, deployment times and active instances,
 * and (for administrators) an upload that deploys a changed BPMN, DMN or DRL without a restart.
 */
@Controller
class ProgramAdminController {

    static final int MAX_MODEL_BYTES = 512 * 1024;

    private final ProgramAdmin admin;

    ProgramAdminController(ProgramAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/admin/programs")
    String page(Authentication user, Model model) {
        model.addAttribute("programs", admin.programs());
        model.addAttribute("decisions", admin.decisions());
        model.addAttribute("canDeploy", CurrentUser.groups(user).contains("admin"));
        return "programs";
    }

    @PostMapping("/admin/programs")
    String deploy(
            @RequestParam(name = "model", required = false) MultipartFile file,
            Authentication user,
            RedirectAttributes redirect)
            throws IOException {
        if (file == null || file.isEmpty() || file.getOriginalFilename() == null) {
            redirect.addFlashAttribute("error", "Choose a .bpmn, .dmn or .drl file to deploy.");
            return "redirect:/admin/programs";
        }
        if (file.getSize() > MAX_MODEL_BYTES) {
            redirect.addFlashAttribute("error", "The model was not deployed: a model file may be at most 512 KiB.");
            return "redirect:/admin/programs";
        }
        ProgramAdmin.Deployed outcome =
                admin.deploy(file.getOriginalFilename(), file.getBytes(), user.getName(), CurrentUser.groups(user));
        if (outcome.refused()) {
            redirect.addFlashAttribute("error", outcome.summary());
            redirect.addFlashAttribute("problems", outcome.problems());
        } else {
            redirect.addFlashAttribute("message", outcome.summary());
        }
        return "redirect:/admin/programs";
    }
}

package org.careloop.forms.home;

/** How people may sign in, as the sign-in page offers it. */
public interface SignInOptions {

    /** The name of the organisation's single sign-on, or null when none is set. */
    String singleSignOn();

    /** Whether CareLoop's own user names and passwords are accepted. */
    boolean localSignIn();
}

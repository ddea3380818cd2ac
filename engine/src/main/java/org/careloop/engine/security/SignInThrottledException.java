package org.careloop.engine.security;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused because its source failed too often; answered 429 to APIs and with a message to people. */
public class SignInThrottledException extends AuthenticationException {

    public SignInThrottledException() {
        super("Too many failed sign-ins from this address; try again later");
    }
}

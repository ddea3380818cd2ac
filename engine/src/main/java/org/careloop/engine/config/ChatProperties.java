package org.careloop.engine.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web chat: a page where a patient reads the conversation with CareLoop and writes in it, reached through a signed
 * link that expires ({@code /chat/{token}}). A patient asks for the link by texting CHAT.
 *
 * @param enabled    whether CHAT is answered with a link and the page is served (off by default; on in the demo)
 * @param linkSecret the key that signs the links (32+ characters); without one, a key is made at start and links
 *                   from before the next restart stop working
 * @param validFor   how long a link works
 */
@ConfigurationProperties("careloop.chat")
public record ChatProperties(
        @DefaultValue("false") boolean enabled,
        String linkSecret,
        @DefaultValue("24h") Duration validFor) {}

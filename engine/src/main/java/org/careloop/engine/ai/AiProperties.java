package org.careloop.engine.ai;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional language-model adapter behind the AI gateway. Off unless {@code careloop.ai.enabled} is true.
 *
 * @param enabled whether handoffs get a one-line summary and a suggested route for staff
 * @param baseUrl an OpenAI-compatible endpoint (e.g. {@code https://llm.example.org/v1})
 * @param apiKey  its key
 * @param model   the model name sent with each call, and recorded in every Provenance
 * @param timeout how long one call may take
 */
@ConfigurationProperties("careloop.ai")
public record AiProperties(
        @DefaultValue("false") boolean enabled,
        URI baseUrl,
        String apiKey,
        @DefaultValue("gpt-4o-mini") String model,
        @DefaultValue("20s") Duration timeout) {}

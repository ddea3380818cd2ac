package org.careloop.engine.ai;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** Any OpenAI-compatible chat endpoint, through LangChain4j. */
final class OpenAiCompatibleModel implements LanguageModel {

    private final ChatModel chat;
    private final String model;

    OpenAiCompatibleModel(AiProperties properties) {
        this.model = properties.model();
        this.chat = OpenAiChatModel.builder()
                .baseUrl(properties.baseUrl().toString())
                .apiKey(properties.apiKey() == null ? "none" : properties.apiKey())
                .modelName(properties.model())
                .timeout(properties.timeout())
                // plain HTTP/1.1 with both timeouts set: no upgrade negotiation that a compatible server may leave
                // hanging
                .httpClientBuilder(new dev.langchain4j.http.client.jdk.JdkHttpClientBuilder()
                        .httpClientBuilder(java.net.http.HttpClient.newBuilder()
                                .version(java.net.http.HttpClient.Version.HTTP_1_1))
                        .connectTimeout(properties.timeout())
                        .readTimeout(properties.timeout()))
                .maxRetries(1)
                .temperature(0.0)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    @Override
    public String name() {
        return model;
    }

    @Override
    public String complete(String instructions, String redactedText) {
        return chat.chat(SystemMessage.from(instructions), UserMessage.from(redactedText))
                .aiMessage()
                .text();
    }
}

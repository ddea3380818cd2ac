package org.careloop.engine.ai;

/** A language model behind the AI gateway. It only ever receives redacted text. */
interface LanguageModel {

    String name();

    String complete(String instructions, String redactedText);
}

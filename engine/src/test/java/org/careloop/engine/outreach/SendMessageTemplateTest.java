package org.careloop.engine.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.careloop.engine.consent.ContactChannel;
import org.careloop.engine.consent.ContactPurpose;
import org.junit.jupiter.api.Test;

/** The "Send message" element template offers only channels and purposes the outreach service knows. */
class SendMessageTemplateTest {

    private static List<String> choices(String parameter) throws Exception {
        JsonNode templates = new ObjectMapper().readTree(new File("../processes/element-templates/careloop.json"));
        List<String> values = new ArrayList<>();
        for (JsonNode template : templates) {
            for (JsonNode property : template.path("properties")) {
                if (parameter.equals(property.path("binding").path("name").asText())
                        && "camunda:inputParameter"
                                .equals(property.path("binding").path("type").asText())) {
                    property.path("choices")
                            .forEach(c -> values.add(c.path("value").asText()));
                }
            }
        }
        return values;
    }

    @Test
    void everyChannelAndPurposeTheTemplateOffersIsOneTheOutreachServiceKnows() throws Exception {
        assertThat(choices("channel"))
                .contains("preferred")
                .filteredOn(c -> !c.equals("preferred"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(ContactChannel.ofCode(c))
                        .hasValueSatisfying(channel -> assertThat(channel)
                                .isIn(ContactChannel.SMS, ContactChannel.EMAIL, ContactChannel.VOICE)));
        assertThat(choices("purpose"))
                .contains("program")
                .filteredOn(p -> !p.equals("program"))
                .containsExactlyInAnyOrderElementsOf(
                        ContactPurpose.real().stream().map(ContactPurpose::code).toList());
    }
}

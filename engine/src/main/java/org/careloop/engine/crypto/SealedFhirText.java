package org.careloop.engine.crypto;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * What patients and clinicians wrote, and how to reach a patient, is sealed in the FHIR server's tables too: the text
 * of a {@code Communication}'s payload (a message, a reply, a program's summary), a {@code Task}'s description and
 * notes (a handoff's reason, a nurse's completion note, a message written to the patient), and the phone numbers and
 * email addresses of a {@code Patient}, the patient's contacts and a {@code RelatedPerson}. The texts are no search
 * parameter; the contact points are ({@code phone}, {@code email}, {@code telecom}), and since a sealed value is not
 * indexed those searches are refused with a clear message ({@link SealedContactSearches}) rather than left to find
 * nothing. Names, birth dates, identifiers and codes, which searches need, stay as HAPI stores them.
 *
 * <p>Just before HAPI stores a version, each such text becomes an empty element carrying the sealed value in an
 * extension (AES-256-GCM under CareLoop's data keys, bound to its element); right after it is stored, the object in
 * hand is opened again, so the response to the write and the message Subscriptions deliver hold the text. Every read,
 * search, history and {@code $everything}, through the API or inside CareLoop, opens it before it is shown (HAPI's
 * pre-show hook, which also runs after the access rules filtered what may be shown). Rotation makes new writes use
 * the new key; values sealed before stay readable with theirs, which stay in the keyset.
 */
@Component
@Interceptor
public class SealedFhirText {

    /** The extension holding a sealed text, on the (then valueless) element it was taken from. */
    public static final String EXTENSION = "https://careloop.org/fhir/StructureDefinition/sealed-text";

    static final String COMMUNICATION_PAYLOAD = "fhir.Communication.payload";
    static final String TASK_DESCRIPTION = "fhir.Task.description";
    static final String TASK_NOTE = "fhir.Task.note";
    static final String PATIENT_TELECOM = "fhir.Patient.telecom";
    static final String PATIENT_CONTACT_TELECOM = "fhir.Patient.contact.telecom";
    static final String RELATED_PERSON_TELECOM = "fhir.RelatedPerson.telecom";

    private final PhiCipher cipher;
    private final IInterceptorService interceptors;

    SealedFhirText(PhiCipher cipher, IInterceptorService interceptors) {
        this.cipher = cipher;
        this.interceptors = interceptors;
    }

    @PostConstruct
    void register() {
        interceptors.registerInterceptor(this);
    }

    @PreDestroy
    void unregister() {
        interceptors.unregisterInterceptor(this);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource) {
        seal(resource);
    }

    /**
     * A text the update leaves as it was keeps its sealed value from the version before, so that HAPI still sees an
     * unchanged resource as unchanged (no new version, no Subscription notice for nothing).
     */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource previous, IBaseResource resource) {
        List<Field> before = previous == null ? List.of() : fields(previous);
        List<Field> now = fields(resource);
        for (int i = 0; i < now.size() && i < before.size(); i++) {
            Extension kept = before.get(i).element().getExtensionByUrl(EXTENSION);
            PrimitiveType<?> element = now.get(i).element();
            String text = element.getValueAsString();
            if (kept != null
                    && text != null
                    && before.get(i).column().equals(now.get(i).column())
                    && !element.hasExtension(EXTENSION)
                    && text.equals(cipher.open(
                            kept.getValue().primitiveValue(), now.get(i).column()))) {
                element.setValueAsString(null);
                element.addExtension(EXTENSION, new StringType(kept.getValue().primitiveValue()));
            }
        }
        seal(resource);
    }

    /** Runs before the Subscription matcher takes its copy (a lower order runs first). */
    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = -1000)
    public void afterCreate(IBaseResource resource) {
        open(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = -1000)
    public void afterUpdate(IBaseResource previous, IBaseResource resource) {
        open(resource);
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void beforeShow(IPreResourceShowDetails shown) {
        for (int i = 0; i < shown.size(); i++) {
            open(shown.getResource(i));
        }
    }

    /** Seals every sealable text of the resource in place; a resource of another type is left as it is. */
    public void seal(IBaseResource resource) {
        for (Field field : fields(resource)) {
            PrimitiveType<?> element = field.element();
            String text = element.getValueAsString();
            if (text != null && !element.hasExtension(EXTENSION)) {
                element.setValueAsString(null);
                element.addExtension(EXTENSION, new StringType(cipher.seal(text, field.column())));
            }
        }
    }

    /** Opens every sealed text of the resource in place. */
    public void open(IBaseResource resource) {
        for (Field field : fields(resource)) {
            PrimitiveType<?> element = field.element();
            Extension sealed = element.getExtensionByUrl(EXTENSION);
            if (sealed != null) {
                element.removeExtension(EXTENSION);
                element.setValueAsString(cipher.open(sealed.getValue().primitiveValue(), field.column()));
            }
        }
    }

    private record Field(PrimitiveType<?> element, String column) {}

    private static List<Field> fields(IBaseResource resource) {
        List<Field> fields = new ArrayList<>();
        if (resource instanceof Communication communication) {
            for (var payload : communication.getPayload()) {
                if (payload.getContent() instanceof StringType text) {
                    fields.add(new Field(text, COMMUNICATION_PAYLOAD));
                }
            }
        } else if (resource instanceof Patient patient) {
            contacts(patient.getTelecom(), PATIENT_TELECOM, fields);
            for (Patient.ContactComponent contact : patient.getContact()) {
                contacts(contact.getTelecom(), PATIENT_CONTACT_TELECOM, fields);
            }
        } else if (resource instanceof RelatedPerson person) {
            contacts(person.getTelecom(), RELATED_PERSON_TELECOM, fields);
        } else if (resource instanceof Task task) {
            if (task.hasDescriptionElement()) {
                fields.add(new Field(task.getDescriptionElement(), TASK_DESCRIPTION));
            }
            for (Annotation note : task.getNote()) {
                if (note.hasTextElement()) {
                    fields.add(new Field(note.getTextElement(), TASK_NOTE));
                }
            }
        }
        return fields;
    }

    private static void contacts(List<ContactPoint> points, String column, List<Field> fields) {
        for (ContactPoint point : points) {
            if (point.hasValueElement()) {
                fields.add(new Field(point.getValueElement(), column));
            }
        }
    }
}

package org.careloop.engine.crypto;

import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Registers every Tink {@link KmsClient} bean of the application (e.g. Tink's {@code AwsKmsClient} or {@code
 * GcpKmsClient}, with their module on the classpath and a {@code @Bean} that builds them with the service's
 * credentials) before the data keys are first unwrapped, so that {@code careloop.crypto.kek-uri} can name a key they
 * hold. {@link PhiCipher} depends on this bean for that order.
 */
@Component
public class KmsRegistration {

    private static final Logger log = LoggerFactory.getLogger(KmsRegistration.class);

    KmsRegistration(ObjectProvider<KmsClient> clients) {
        List<KmsClient> found = clients.orderedStream().toList();
        found.forEach(KmsClients::add);
        if (!found.isEmpty()) {
            log.info("{} key management service client(s) registered for careloop.crypto.kek-uri", found.size());
        }
    }
}

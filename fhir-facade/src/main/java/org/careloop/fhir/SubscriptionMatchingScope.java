package org.careloop.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.match.matcher.subscriber.SubscriptionCriteriaParser;
import ca.uhn.fhir.jpa.subscription.match.registry.ActiveSubscription;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import java.util.Set;

/**
 * Hands a written resource to HAPI's subscription matching only when an active subscription of this node could match
 * its type. HAPI queues every write for matching whether or not anything follows it: the message is stored in the
 * writer's transaction, and a matching thread reads the resource back from the database and parses it, only to find
 * no subscription for its type. Writes of Subscriptions (and SubscriptionTopics) always go through: that is how HAPI
 * activates and registers them. A topic subscription, or a subscription whose criteria HAPI could not read, lets every
 * write through. The registry is the one HAPI's matcher reads, so a type is left out only when HAPI's matching, run at
 * that moment, would have found no subscription for it.
 */
@Interceptor
public final class SubscriptionMatchingScope {

    private static final Set<String> ALWAYS_MATCHED = Set.of("Subscription", "SubscriptionTopic");

    private final SubscriptionRegistry subscriptions;
    private final FhirContext fhir;

    public SubscriptionMatchingScope(SubscriptionRegistry subscriptions, FhirContext fhir) {
        this.subscriptions = subscriptions;
        this.fhir = fhir;
    }

    /** Whether HAPI goes on to queue the written resource for subscription matching. */
    @Hook(Pointcut.SUBSCRIPTION_RESOURCE_MODIFIED)
    public boolean queueForMatching(ResourceModifiedMessage message) {
        String type = message.getResourceType(fhir);
        return type == null || ALWAYS_MATCHED.contains(type) || followed(type);
    }

    /** Whether an active subscription could match a resource of this type. */
    public boolean followed(String type) {
        for (ActiveSubscription active : subscriptions.getAll()) {
            SubscriptionCriteriaParser.SubscriptionCriteria criteria = active.getCriteria();
            if (active.getSubscription() == null
                    || active.getSubscription().isTopicSubscription()
                    || criteria == null
                    || criteria.getType() == SubscriptionCriteriaParser.TypeEnum.STARTYPE_EXPRESSION
                    || criteria.getApplicableResourceTypes() == null
                    || criteria.getApplicableResourceTypes().contains(type)) {
                return true;
            }
        }
        return false;
    }
}

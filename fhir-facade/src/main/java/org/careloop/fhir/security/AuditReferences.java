package org.careloop.fhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;

/**
 * An audit record names what was accessed; it must not keep that from being deleted. A delete refused only because
 * AuditEvents refer to the resource goes ahead, and the AuditEvents keep the reference as history. Any other
 * reference still refuses the delete.
 */
public class AuditReferences {

    @Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
    public DeleteConflictOutcome ignoreAuditEvents(DeleteConflictList conflicts) {
        conflicts.removeIf(
                conflict -> "AuditEvent".equals(conflict.getSourceId().getResourceType()));
        return null;
    }
}

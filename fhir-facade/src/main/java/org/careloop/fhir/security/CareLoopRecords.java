package org.careloop.fhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Records of CareLoop's own work (enrolment CarePlans, Communications, handoff Tasks, Provenance) carry the tag
 * {@value #ORIGIN_SYSTEM}|{@value #ORIGIN_CODE}. Over the API nobody may change or delete a tagged resource, nor
 * write a resource that claims the tag; only the engine, writing in-process, does.
 */
@Interceptor
public class CareLoopRecords {

    public static final String ORIGIN_SYSTEM = "https://careloop.org/fhir/CodeSystem/record-origin";
    public static final String ORIGIN_CODE = "careloop";

    /** Tags a resource as written by CareLoop. */
    public static <T extends IBaseResource> T mark(T resource) {
        if (!isMarked(resource)) {
            resource.getMeta()
                    .addTag()
                    .setSystem(ORIGIN_SYSTEM)
                    .setCode(ORIGIN_CODE)
                    .setDisplay("Written by CareLoop");
        }
        return resource;
    }

    public static boolean isMarked(IBaseResource resource) {
        return resource != null && resource.getMeta().getTag(ORIGIN_SYSTEM, ORIGIN_CODE) != null;
    }

    private static boolean overTheApi(RequestDetails request) {
        return request != null && !(request instanceof SystemRequestDetails);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        if (overTheApi(request) && isMarked(resource)) {
            throw new ForbiddenOperationException(
                    "Only CareLoop writes resources tagged " + ORIGIN_SYSTEM + "|" + ORIGIN_CODE);
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        if (overTheApi(request) && (isMarked(previous) || isMarked(resource))) {
            throw new ForbiddenOperationException(
                    "This is a record of CareLoop's own work and cannot be changed over the API");
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(IBaseResource resource, RequestDetails request) {
        if (overTheApi(request) && isMarked(resource)) {
            throw new ForbiddenOperationException(
                    "This is a record of CareLoop's own work and cannot be deleted over the API");
        }
    }
}

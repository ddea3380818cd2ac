package org.careloop.fhir.security;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAPI's lenient parsing, but its warnings name the element, never the value: a rejected value can be a name,
 * a phone number or a diagnosis. What is refused or accepted is exactly what {@link LenientErrorHandler} decides.
 */
public class QuietParserErrorHandler implements IParserErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(QuietParserErrorHandler.class);
    private final LenientErrorHandler decides = new LenientErrorHandler(false);

    private static String where(IParseLocation location) {
        return location == null || location.getParentElementName() == null ? "(root)" : location.getParentElementName();
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        log.warn("FHIR parse: contained resource without an id in {}", where(location));
        decides.containedResourceWithNoId(location);
    }

    @Override
    public void incorrectJsonType(
            IParseLocation location,
            String elementName,
            BaseJsonLikeValue.ValueType expected,
            BaseJsonLikeValue.ScalarType expectedScalar,
            BaseJsonLikeValue.ValueType found,
            BaseJsonLikeValue.ScalarType foundScalar) {
        log.warn(
                "FHIR parse: element {} in {} has JSON type {} where {} was expected",
                elementName,
                where(location),
                found,
                expected);
        decides.incorrectJsonType(location, elementName, expected, expectedScalar, found, foundScalar);
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        log.warn("FHIR parse: invalid value in {} (value not logged)", where(location));
        decides.invalidValue(location, value, error);
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String elementName) {
        log.warn("FHIR parse: required element {} missing in {}", elementName, where(location));
        decides.missingRequiredElement(location, elementName);
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        log.warn("FHIR parse: element {} repeats in {}", elementName, where(location));
        decides.unexpectedRepeatingElement(location, elementName);
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attributeName) {
        log.warn("FHIR parse: unknown attribute in {}", where(location));
        decides.unknownAttribute(location, attributeName);
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        log.warn("FHIR parse: unknown element in {}", where(location));
        decides.unknownElement(location, elementName);
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        log.warn("FHIR parse: unknown reference in {}", where(location));
        decides.unknownReference(location, reference);
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        log.warn("FHIR parse: invalid internal reference in {}", where(location));
        decides.invalidInternalReference(location, reference);
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        log.warn("FHIR parse: extension with both a value and nested extensions in {}", where(location));
        decides.extensionContainsValueAndNestedExtensions(location);
    }
}

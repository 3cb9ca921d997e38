package io.dialer.contact.phone;

/** Outcome of {@link PhoneNormalizer#normalize(String, String)}: a usable number or a row-level error. */
public sealed interface PhoneParseResult {

    record Valid(NormalizedPhone phone) implements PhoneParseResult {
    }

    /**
     * @param code    one of the constants below, stable for API clients
     * @param message human readable, e.g. {@code '555-12' is too short for a phone number in US}
     */
    record Invalid(String code, String message) implements PhoneParseResult {

        public static final String EMPTY = "EMPTY";
        public static final String NOT_A_NUMBER = "NOT_A_NUMBER";
        public static final String INVALID_COUNTRY_CODE = "INVALID_COUNTRY_CODE";
        public static final String TOO_SHORT = "TOO_SHORT";
        public static final String TOO_LONG = "TOO_LONG";
        /** Parses and has a plausible length, but no number of that country is allocated like this. */
        public static final String INVALID_NUMBER = "INVALID_NUMBER";
        /** The default region passed by the caller is not a region libphonenumber knows. */
        public static final String UNKNOWN_REGION = "UNKNOWN_REGION";
    }
}

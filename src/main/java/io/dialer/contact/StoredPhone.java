package io.dialer.contact;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.dialer.contact.phone.NormalizedPhone;
import io.dialer.contact.phone.PhoneNormalizer;
import io.dialer.contact.phone.PhoneParseResult;

import java.util.List;

/** A contact's number after normalisation: as sent, its E.164 form, and the facts libphonenumber derives from it. */
public record StoredPhone(String number, String type, String e164, String numberType, String region,
                          List<String> timezones) {

    /**
     * What is kept in the database: only what cannot be derived. Type, region and zones come from the E.164 number
     * and are recomputed on read (cached by prefix), which keeps million-contact imports small and fast.
     */
    @RegisterForReflection // written to and read from the phones jsonb column by hand (native: Jackson)
    public record Stored(String number, String type, String e164) {

        public StoredPhone withFacts() {
            PhoneParseResult parsed = PhoneNormalizer.shared().normalize(e164, null);
            if (parsed instanceof PhoneParseResult.Valid v) {
                NormalizedPhone n = v.phone();
                return new StoredPhone(number, type, e164, n.numberType(), n.region(), n.timezones());
            }
            return new StoredPhone(number, type, e164, "UNKNOWN", null, List.of());
        }
    }

    public Stored stored() {
        return new Stored(number, type, e164);
    }
}

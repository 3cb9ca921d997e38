package io.dialer.contact;

import java.util.List;

/** A contact's number after normalisation, as stored with the contact. */
public record StoredPhone(String number, String type, String e164, String numberType, String region,
                          List<String> timezones) {
}

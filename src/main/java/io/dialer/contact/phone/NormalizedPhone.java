package io.dialer.contact.phone;

import java.util.List;

/**
 * A phone number as the dialer stores it.
 *
 * @param e164       the number in E.164 format, e.g. {@code +13125550142}
 * @param numberType the libphonenumber {@code PhoneNumberType} name (MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, TOLL_FREE, VOIP, ...)
 * @param region     ISO 3166-1 alpha-2 code of the number's country, e.g. {@code US}; {@code 001} for the few
 *                   non-geographic country codes such as +800 (libphonenumber's "world" region)
 * @param timezones  candidate IANA time zone ids, never {@code Etc/Unknown}; empty when unknown
 */
public record NormalizedPhone(String e164, String numberType, String region, List<String> timezones) {

    public NormalizedPhone {
        timezones = List.copyOf(timezones);
    }
}

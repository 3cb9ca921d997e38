package io.dialer.telephony.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dialer.telephony.AmdTuning;
import org.junit.jupiter.api.Test;

class AmdTuningTest {

    @Test
    void aCampaignsParametersReplaceOnlyTheDefaultsItSets() {
        AsteriskSettings.Amd defaults = AsteriskSettings.Amd.DEFAULTS;
        assertEquals("2500,1500,800,5000,100,50,2,256,5000", defaults.arguments());
        assertEquals(defaults, defaults.tunedBy(null));
        AmdTuning tuning = new AmdTuning(null, 2000, null, 4000, null, null, 3, null, null);
        assertEquals("2500,2000,800,4000,100,50,3,256,5000", defaults.tunedBy(tuning).arguments());
    }
}

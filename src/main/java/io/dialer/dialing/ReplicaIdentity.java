package io.dialer.dialing;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.util.UUID;

/** This JVM's name in leases and attempts: the host name plus a random suffix, new on every start. */
@ApplicationScoped
public class ReplicaIdentity {

    private final String id;

    public ReplicaIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "replica";
        }
        id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }
}

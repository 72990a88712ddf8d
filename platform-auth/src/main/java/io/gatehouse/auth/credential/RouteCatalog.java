package io.gatehouse.auth.credential;

/** Lets the credential service check route names in a key's scope; implemented by the gateway module. */
public interface RouteCatalog {
    boolean exists(String tenant, String routeName);
}

/**
 * Why a gateway call failed and what to do about it: {@link io.gatehouse.gateway.explain.FailureExplainer} turns a
 * logged call's error code and attempts into plain words (phase, likely causes, the setting to change), and
 * {@link io.gatehouse.gateway.explain.TargetDiagnosis} checks an upstream target live, step by step (DNS, address
 * policy, TCP connect, TLS, HTTP). Pure JDK; no Spring, Netty or Vaadin types in the API.
 */
package io.gatehouse.gateway.explain;

/**
 * Gatehouse, the deployable: {@link io.gatehouse.Application} sits in the root package so that component scanning
 * covers every module ({@code db}, {@code auth}, {@code gateway}, {@code ui}).
 */
package io.gatehouse;

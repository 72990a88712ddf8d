/** Persistence base types shared by every module; the Flyway migrations live in {@code db/migration}. */
package io.gatehouse.db;

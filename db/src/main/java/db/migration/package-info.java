/**
 * Flyway's Java migrations, for steps SQL cannot say the same way on H2 and PostgreSQL (found by Flyway next to the
 * SQL ones in {@code db/migration}; versions share one sequence with them).
 */
package db.migration;

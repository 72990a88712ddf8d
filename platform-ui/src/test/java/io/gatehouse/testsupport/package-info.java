/** Helpers shared by test classes in different packages. */
package io.gatehouse.testsupport;

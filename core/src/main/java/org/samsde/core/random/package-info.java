/**
 * Seeded, splittable random streams: every random number of the toolkit comes from a stream
 * derived from an explicit master seed, never from global state.
 */
package org.samsde.core.random;

/**
 * The vocabulary of truncated Taylor arithmetic: how jets of several directions are laid out
 * ({@link org.samsde.core.jet.JetLayout}) and the elementwise activations with their derivatives
 * up to fourth order ({@link org.samsde.core.jet.Activation}). The arithmetic itself runs in the
 * backends.
 */
package org.samsde.core.jet;

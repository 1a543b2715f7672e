/**
 * Neural-network models on the Taylor-mode engine: multilayer perceptrons (which include linear
 * and logistic regression), their losses, parameter layout and initialisation, and the parsing
 * of model specifications such as {@code mlp:4-8-3:tanh}.
 */
package org.samsde.core.model;

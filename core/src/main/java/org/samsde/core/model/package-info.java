/**
 * Neural-network models on the Taylor-mode engine: multilayer perceptrons (which include linear
 * and logistic regression), convolutional networks ({@link org.samsde.core.model.Cnn}:
 * convolutions with stride and padding, average and max pooling, flatten, dense layers, among
 * them the six-layer {@code cnn6}), their losses, parameter layout and initialisation, and the
 * parsing of model specifications such as {@code mlp:4-8-3:tanh}, {@code cnn6:relu} or
 * {@code cnn:c16k3p1-avg2-d10}.
 *
 * <p>Every objective here runs the forward and backward sweep in Taylor arithmetic
 * ({@link org.samsde.core.model.MlpObjective}, {@link org.samsde.core.model.CnnObjective}) on
 * the primitives of a {@link org.samsde.core.tensor.Backend}, so the same code runs on any
 * backend; no objective touches host arrays inside a pass except to read the loss and accuracy.
 *
 * <p>Not here: benchmarks (the bench module's {@code CnnBenchmark} times a CNN's Taylor passes
 * against its gradient).
 */
package org.samsde.core.model;

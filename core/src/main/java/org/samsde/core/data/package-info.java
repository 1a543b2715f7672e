/**
 * Data sets: samples in memory, synthetic generators, {@code .npz} files, and the real image sets
 * MNIST, Fashion-MNIST and CIFAR-10.
 *
 * <ul>
 *   <li>{@link org.samsde.core.data.Dataset} holds features and either class labels or regression
 *       targets, and for images their {@link org.samsde.core.data.ImageShape} (C, H, W), each row
 *       one image in (C, H, W) order; {@link org.samsde.core.data.Split} pairs a training set with
 *       an optional test set.
 *   <li>{@link org.samsde.core.data.Blobs} generates Gaussian-blob classification data and {@link
 *       org.samsde.core.data.TeacherStudent} regression data labelled by a random teacher
 *       network. Both are configured by records or by specification strings such as {@code
 *       blobs:k=3,n=600,seed=1}, and are bitwise reproducible for a seed: their random streams
 *       are derived from the seed alone, never from threads or the clock.
 *   <li>{@link org.samsde.core.data.DataFiles} reads and writes data sets as NumPy {@code .npz}
 *       files (arrays {@code X}, {@code y}, optionally {@code X_test}, {@code y_test}; images as
 *       {@code X} of shape (n, C, H, W)) and resolves a user's data specification (a generator
 *       string, an image data set name or a file path) to a {@link org.samsde.core.data.Split}.
 *   <li>{@link org.samsde.core.data.ImageDatasets} loads {@code mnist}, {@code fashion-mnist} and
 *       {@code cifar10} by name from the data directory ({@code -Dsamsde.data}, {@code
 *       $SAMSDE_DATA} or {@code ~/.samsde/data}; {@code scripts/install-data} fills it), with a
 *       subset, a normalisation and a test split as options, e.g. {@code mnist:n=2000,seed=1};
 *       {@link org.samsde.core.data.Idx} reads and writes IDX files (plain or gzipped) and {@link
 *       org.samsde.core.data.Cifar10} CIFAR-10's binary batches. Both check the file's size against
 *       its header before allocating.
 * </ul>
 *
 * <p>What does not live here: models and losses ({@code org.samsde.core.model}), downloads (the
 * loaders read files only; {@code scripts/install-data} fetches them through npm and apt).
 *
 * <h2>Specification strings</h2>
 *
 * <p>A generator is named by {@code NAME} alone (all defaults) or {@code NAME:key=value,...}.
 * Every key is optional and may appear once; whitespace around keys and values is ignored.
 * Integers are decimal ({@code 512}, {@code -3}); reals are decimal with an optional exponent
 * ({@code 3}, {@code 0.5}, {@code 1e-3}); {@code NaN}, {@code Infinity}, hexadecimal and Java type
 * suffixes are not accepted. An unknown key, an entry without {@code '='}, an empty entry, a
 * repeated key, a value that is not a number of the right kind or one out of range is an error
 * naming the key.
 *
 * <h2>Random streams</h2>
 *
 * <p>The generators derive independent streams from one 64-bit master seed: a SplitMix64
 * generator whose state starts at the seed emits two 64-bit words per stream, in stream order,
 * and stream {@code j} is a xoroshiro128++ generator ({@code RandomSource.XO_RO_SHI_RO_128_PP})
 * seeded with words {@code 2j} and {@code 2j + 1}. A stream thus depends only on the seed and its
 * index, never on how much another stream is used. Normal deviates come from commons-rng's
 * ziggurat sampler and shuffles from its {@code ArraySampler}, so data are bitwise reproducible
 * for a seed as long as the commons-rng version stays pinned.
 *
 * <p>Bad user input (a malformed specification, an out-of-range option, a defective file) is
 * reported as an {@link org.samsde.core.InvalidInputException} whose one-line message names the
 * input and the problem.
 */
package org.samsde.core.data;

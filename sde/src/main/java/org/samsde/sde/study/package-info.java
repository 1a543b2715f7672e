/**
 * Numerical studies: the approximation order of the SDE models against discrete SAM
 * ({@link org.samsde.sde.study.ApproxStudy}, with {@link org.samsde.sde.study.Slopes}), the weak
 * order of the integrator ({@link org.samsde.sde.study.WeakOrderStudy}), the Hessian outliers of
 * Sagun et al. ({@link org.samsde.sde.study.OutlierStudy}), loss landscapes along lines and planes
 * ({@link org.samsde.sde.study.Landscape}, {@link org.samsde.sde.study.Directions}), small against
 * large batch ({@link org.samsde.sde.study.SagunStudy}), the small-scale Eigen-SAM table
 * ({@link org.samsde.sde.study.TableStudy}), and the gaps between ensembles, such as a discrete
 * method's and its SDE models', with seeds as the units and intervals for the whole family
 * ({@link org.samsde.sde.study.SeedGaps}).
 */
package org.samsde.sde.study;

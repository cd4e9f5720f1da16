/** Folder layouts spikeguard reads as labelled datasets. */
export const DATASET_LAYOUTS = ['nmnist', 'ncaltech101', 'cifar10dvs', 'dvsgesture'] as const;
export type DatasetLayout = (typeof DATASET_LAYOUTS)[number];

/** The splits a dataset folder may define. */
export type DatasetSplit = 'train' | 'validation' | 'test';

/** One labelled sample: a whole file, or the `[startUs, endUs)` part of one (DVS Gesture). */
export interface DatasetSample {
  /** Path relative to the dataset folder. */
  readonly file: string;
  readonly label: number;
  /** The dataset's own split where it has one (N-MNIST, DVS Gesture; `validation` in saccade-digits exports). */
  readonly split?: DatasetSplit;
  readonly startUs?: number;
  readonly endUs?: number;
}

/** A dataset folder as found on disk: its samples in a stable order, classes and sensor. */
export interface DatasetIndex {
  readonly layout: DatasetLayout;
  readonly dir: string;
  /** Class names in label order. */
  readonly classes: readonly string[];
  readonly samples: readonly DatasetSample[];
  /** The sensor, where the dataset fixes it (N-Caltech101 varies: the largest extent is taken when read). */
  readonly sensor: { readonly width: number; readonly height: number } | null;
  /** Files in the tree that are not samples of this layout (counted, not read). */
  readonly ignored: number;
}

import { Option } from 'commander';
import {
  checkMemoryBudget, defaultMemoryBudgetMb, estimateMemory, WASM_HEAP_LIMIT_MB, type BackendName, type MemoryUse, type ModelSpec,
} from '../snn/index.js';
import { positiveNumber } from './numberOption.js';

/** `--memory-mb N`: the budget an SNN command checks its model, batch and window against. */
export function memoryOption(): Option {
  return new Option('--memory-mb <n>', `memory budget in MiB (default: half the machine's memory, at most ${WASM_HEAP_LIMIT_MB} on wasm)`)
    .argParser(positiveNumber(true));
}

/**
 * Refuses, before anything is built, a model and sizes whose estimated memory exceeds the budget
 * (`--memory-mb`, else the backend's default).
 * @throws ConfigError naming the sizes, the estimate by part and the budget.
 */
export function checkSizes(spec: ModelSpec, use: MemoryUse, backend: BackendName, memoryMb: number | undefined, sizes: string): void {
  const budgetMb = memoryMb ?? defaultMemoryBudgetMb(backend);
  checkMemoryBudget(estimateMemory(spec, use), { budgetMb, backend, what: `${spec.name} with ${sizes}` });
}

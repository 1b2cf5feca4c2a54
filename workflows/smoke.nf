#!/usr/bin/env nextflow
// The smoke reproduction: the whole pipeline of main.nf; sizes come from params/smoke.yaml
// (or params/paper-gpu.yaml), e.g. `sgeo run workflows/smoke.nf -params-file params/smoke.yaml`.
include { SGEO } from './main'

workflow {
    SGEO(['deep', 'linreg'])
}

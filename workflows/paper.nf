#!/usr/bin/env nextflow
// The paper reproduction: the whole pipeline of main.nf; sizes come from params/paper-cpu.yaml
// (or params/paper-gpu.yaml), e.g. `sgeo run workflows/paper.nf -params-file params/paper-cpu.yaml`.
include { SGEO } from './main'

workflow {
    SGEO(['deep', 'linreg'])
}

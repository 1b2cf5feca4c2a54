#!/usr/bin/env nextflow
// The linear-regression experiment alone (paper Sec. 4.1): LINREG -> SCORE -> REPORT.
// `sgeo run workflows/linreg.nf --linreg_params params/linreg-smoke.yaml`
include { SGEO } from './main'

workflow {
    SGEO(['linreg'])
}

/** The stage pretrain-load: pretrains a zoo architecture on Fashion-MNIST, imports a TorchScript file or checks and copies a checkpoint. */
package org.synapticgeometry.stage.pretrain;

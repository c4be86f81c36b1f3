import { describeFaultMatrixRow } from './support/fault-matrix-row';

describeFaultMatrixRow('delete');

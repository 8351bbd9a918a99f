//! Attaché's event layer. So far: the CAMEO event table every coded event is read against —
//! each code's Goldstein score, GDELT quad class, PLOVER type, mode and context, and its
//! description. `data/cameo.tsv` is written by `scripts/cameo-tables.py` from the CAMEO
//! codebook tables and PLOVER's official CAMEO→PLOVER table (CC BY-SA 4.0).

pub mod cameo;

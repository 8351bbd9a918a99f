//! The closed label sets of Universal Dependencies that stages compare against: universal
//! parts of speech and dependency relations. As enums, a misspelt label is a compile error,
//! and a comparison is an integer test, not a string one.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Defines a label enum with its UD spelling, parsing and serde as that spelling.
macro_rules! labels {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every label, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// Its spelling in UD ("nsubj:pass", "PROPN").
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The label spelt `text` exactly, if there is one.
            pub fn exactly(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("unknown {} label '{text}'", stringify!($name))))
            }
        }
    };
}

labels! {
    /// A universal part of speech.
    Upos {
        Adj = "ADJ",
        Adp = "ADP",
        Adv = "ADV",
        Aux = "AUX",
        Cconj = "CCONJ",
        Det = "DET",
        Intj = "INTJ",
        Noun = "NOUN",
        Num = "NUM",
        Part = "PART",
        Pron = "PRON",
        Propn = "PROPN",
        Punct = "PUNCT",
        Sconj = "SCONJ",
        Sym = "SYM",
        Verb = "VERB",
        X = "X",
    }
}

impl Upos {
    /// The tag spelt `text`; `None` for anything else (CoNLL-U's "_").
    pub fn parse(text: &str) -> Option<Upos> {
        Upos::exactly(text)
    }
}

labels! {
    /// A Universal Dependencies relation, with the subtypes English treebanks use.
    Deprel {
        Acl = "acl",
        AclRelcl = "acl:relcl",
        Advcl = "advcl",
        AdvclRelcl = "advcl:relcl",
        Advmod = "advmod",
        Amod = "amod",
        Appos = "appos",
        Aux = "aux",
        AuxPass = "aux:pass",
        Case = "case",
        Cc = "cc",
        CcPreconj = "cc:preconj",
        Ccomp = "ccomp",
        Clf = "clf",
        Compound = "compound",
        CompoundPrt = "compound:prt",
        Conj = "conj",
        Cop = "cop",
        Csubj = "csubj",
        CsubjOuter = "csubj:outer",
        CsubjPass = "csubj:pass",
        Dep = "dep",
        Det = "det",
        DetPredet = "det:predet",
        Discourse = "discourse",
        Dislocated = "dislocated",
        Expl = "expl",
        Fixed = "fixed",
        Flat = "flat",
        FlatForeign = "flat:foreign",
        FlatName = "flat:name",
        Goeswith = "goeswith",
        Iobj = "iobj",
        List = "list",
        Mark = "mark",
        Nmod = "nmod",
        NmodDesc = "nmod:desc",
        NmodNpmod = "nmod:npmod",
        NmodPoss = "nmod:poss",
        NmodTmod = "nmod:tmod",
        NmodUnmarked = "nmod:unmarked",
        Nsubj = "nsubj",
        NsubjOuter = "nsubj:outer",
        NsubjPass = "nsubj:pass",
        Nummod = "nummod",
        Obj = "obj",
        Obl = "obl",
        OblAgent = "obl:agent",
        OblArg = "obl:arg",
        OblNpmod = "obl:npmod",
        OblTmod = "obl:tmod",
        OblUnmarked = "obl:unmarked",
        Orphan = "orphan",
        Parataxis = "parataxis",
        Punct = "punct",
        Reparandum = "reparandum",
        Root = "root",
        Vocative = "vocative",
        Xcomp = "xcomp",
    }
}

impl Deprel {
    /// The relation spelt `text`: a subtype English treebanks do not use is read as its
    /// universal relation ("nmod:gmod" → nmod), an unknown relation as `dep`; `None` only
    /// for no relation at all ("" or CoNLL-U's "_").
    pub fn parse(text: &str) -> Option<Deprel> {
        if text.is_empty() || text == "_" {
            return None;
        }
        Deprel::exactly(text)
            .or_else(|| text.split_once(':').and_then(|(base, _)| Deprel::exactly(base)))
            .or(Some(Deprel::Dep))
    }

    /// The universal relation without its subtype (`nsubj:pass` → `nsubj`).
    pub fn base(self) -> Deprel {
        match self.as_str().split_once(':') {
            Some((base, _)) => Deprel::exactly(base).unwrap_or(self),
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_reads_back_from_its_spelling() {
        for &label in Deprel::ALL {
            assert_eq!(Deprel::parse(label.as_str()), Some(label));
        }
        for &tag in Upos::ALL {
            assert_eq!(Upos::parse(tag.as_str()), Some(tag));
        }
    }

    #[test]
    fn unknown_subtypes_fall_back_to_their_relation() {
        assert_eq!(Deprel::parse("nmod:gmod"), Some(Deprel::Nmod));
        assert_eq!(Deprel::parse("nonsense"), Some(Deprel::Dep));
        assert_eq!(Deprel::parse("_"), None);
        assert_eq!(Upos::parse("_"), None);
    }

    #[test]
    fn a_subtype_has_its_universal_relation_as_base() {
        assert_eq!(Deprel::NsubjPass.base(), Deprel::Nsubj);
        assert_eq!(Deprel::AclRelcl.base(), Deprel::Acl);
        assert_eq!(Deprel::Obj.base(), Deprel::Obj);
    }

    #[test]
    fn labels_serialise_as_their_spelling() {
        assert_eq!(serde_json::to_string(&Deprel::NmodPoss).unwrap(), "\"nmod:poss\"");
        assert_eq!(serde_json::from_str::<Upos>("\"PROPN\"").unwrap(), Upos::Propn);
    }
}

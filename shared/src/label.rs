//! Labels of domain values in the two languages of the service.

use serde::{Deserialize, Serialize};

/// The languages the service speaks; Japanese first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

/// A domain value with a fixed label in each language.
pub trait Label: Copy {
    /// (Japanese, English)
    fn labels(self) -> (&'static str, &'static str);

    fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.labels().0,
            Lang::En => self.labels().1,
        }
    }
}

/// Declares a fieldless enum stored as a short ASCII code, with its
/// Japanese and English labels, `as_str`/`FromStr`, `ALL` and serde as the
/// code. One declaration keeps the stored value, the labels and the list
/// of variants from drifting apart.
#[macro_export]
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($code:literal, $ja:literal, $en:literal), )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the database and written in URLs.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }
        }

        impl $crate::label::Label for $name {
            fn labels(self) -> (&'static str, &'static str) {
                match self { $($name::$variant => ($ja, $en),)+ }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok($name::$variant),)+
                    _ => Err($crate::ValidationError::UnknownCode),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                code.parse().map_err(|_| ::serde::de::Error::custom(concat!("unknown ", stringify!($name))))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    coded_enum! {
        pub enum Sample {
            One = ("one", "一", "One"),
            Two = ("two", "二", "Two"),
        }
    }

    #[test]
    fn codes_labels_and_serde_agree() {
        for s in Sample::ALL {
            assert_eq!(s.as_str().parse::<Sample>().unwrap(), *s);
        }
        assert_eq!(Sample::Two.label(Lang::Ja), "二");
        assert_eq!(Sample::Two.label(Lang::En), "Two");
        assert!("three".parse::<Sample>().is_err());
    }
}

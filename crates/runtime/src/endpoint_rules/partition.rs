//! The AWS partitions, for `aws.partition`.
//!
//! The facts are those the AWS SDKs ship as `partitions.json` (checked against botocore 1.43's
//! `botocore/data/partitions.json`): for each partition its id, the pattern of its region
//! names, its DNS suffixes, whether it offers FIPS and dual-stack endpoints, its implicit
//! global region and its known regions. A region is looked up by name first, then by pattern,
//! and anything else falls back to the `aws` partition, as the Smithy reference
//! implementation does.

use super::value::Value;
use std::collections::BTreeMap;

/// One AWS partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partition {
    /// The partition id, also its `name` in rules (`aws`, `aws-cn`, `aws-us-gov`).
    pub id: &'static str,
    /// The pattern every region name of the partition matches, as `partitions.json` writes it:
    /// `^PREFIX\-\w+\-\d+$` (see [`Partition::matches_region`]).
    pub region_regex: &'static str,
    /// The DNS suffix of its endpoints (`amazonaws.com`).
    pub dns_suffix: &'static str,
    /// The DNS suffix of its dual-stack (IPv4 and IPv6) endpoints (`api.aws`).
    pub dual_stack_dns_suffix: &'static str,
    /// Whether it has FIPS endpoints.
    pub supports_fips: bool,
    /// Whether it has dual-stack endpoints.
    pub supports_dual_stack: bool,
    /// The region that global services of the partition live in.
    pub implicit_global_region: &'static str,
    /// The regions known by name (a new region still matches [`region_regex`](Self::region_regex)).
    pub regions: &'static [&'static str],
}

/// Every partition, in lookup order: `aws` first, then the others.
pub static PARTITIONS: &[Partition] = &[
    Partition {
        id: "aws",
        region_regex: r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-east-1",
        regions: &[
            "af-south-1",
            "ap-east-1",
            "ap-east-2",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "aws-global",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
    },
    Partition {
        id: "aws-cn",
        region_regex: r"^cn\-\w+\-\d+$",
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "cn-northwest-1",
        regions: &["aws-cn-global", "cn-north-1", "cn-northwest-1"],
    },
    Partition {
        id: "aws-us-gov",
        region_regex: r"^us\-gov\-\w+\-\d+$",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-gov-west-1",
        regions: &["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"],
    },
    Partition {
        id: "aws-iso",
        region_regex: r"^us\-iso\-\w+\-\d+$",
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "api.aws.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-iso-east-1",
        regions: &["aws-iso-global", "us-iso-east-1", "us-iso-west-1"],
    },
    Partition {
        id: "aws-iso-b",
        region_regex: r"^us\-isob\-\w+\-\d+$",
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "api.aws.scloud",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-isob-east-1",
        regions: &["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"],
    },
    Partition {
        id: "aws-iso-e",
        region_regex: r"^eu\-isoe\-\w+\-\d+$",
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "eu-isoe-west-1",
        regions: &["aws-iso-e-global", "eu-isoe-west-1"],
    },
    Partition {
        id: "aws-iso-f",
        region_regex: r"^us\-isof\-\w+\-\d+$",
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-isof-south-1",
        regions: &["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
    },
    Partition {
        id: "aws-eusc",
        region_regex: r"^eusc\-(de)\-\w+\-\d+$",
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "eusc-de-east-1",
        regions: &["eusc-de-east-1"],
    },
];

/// The partition of `region`: the one that lists it, else the first whose pattern it matches,
/// else `aws`.
pub fn find(region: &str) -> &'static Partition {
    let by_name = PARTITIONS.iter().find(|p| p.regions.contains(&region));
    let by_pattern = || PARTITIONS.iter().find(|p| p.matches_region(region));
    by_name.or_else(by_pattern).unwrap_or(&PARTITIONS[0])
}

impl Partition {
    /// Whether `region` matches [`region_regex`](Self::region_regex), read as the region patterns
    /// of `partitions.json` are all written: `^`, a prefix, then `\-\w+\-\d+$` (ASCII `\w` and
    /// `\d`, as in the Java reference). The prefix is text, with `\`-escaped punctuation, and
    /// groups of plain alternatives like `(us|eu|ap)`. A pattern of any other shape matches
    /// nothing.
    pub fn matches_region(&self, region: &str) -> bool {
        let prefix = self.region_regex.strip_prefix('^').and_then(|p| p.strip_suffix(r"\-\w+\-\d+$"));
        prefix.is_some_and(|prefix| prefix_then_tail(prefix, region))
    }

    /// The record `aws.partition` returns: `name`, `dnsSuffix`, `dualStackDnsSuffix`,
    /// `supportsFIPS`, `supportsDualStack`, `implicitGlobalRegion`.
    pub fn to_value(&self) -> Value {
        Value::Record(BTreeMap::from([
            ("name".to_owned(), Value::from(self.id)),
            ("dnsSuffix".to_owned(), Value::from(self.dns_suffix)),
            ("dualStackDnsSuffix".to_owned(), Value::from(self.dual_stack_dns_suffix)),
            ("supportsFIPS".to_owned(), Value::Bool(self.supports_fips)),
            ("supportsDualStack".to_owned(), Value::Bool(self.supports_dual_stack)),
            ("implicitGlobalRegion".to_owned(), Value::from(self.implicit_global_region)),
        ]))
    }
}

/// Whether `region` is `prefix` (see [`Partition::matches_region`]) followed by `-`, ASCII word
/// characters, `-` and ASCII digits.
fn prefix_then_tail(prefix: &str, region: &str) -> bool {
    let mut chars = prefix.chars();
    match chars.next() {
        None => {
            let Some((word, digits)) = region.strip_prefix('-').and_then(|rest| rest.split_once('-')) else {
                return false;
            };
            let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
            !word.is_empty()
                && word.bytes().all(is_word)
                && !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
        }
        Some('\\') => match chars.next() {
            Some(c) if c.is_ascii_punctuation() => {
                region.strip_prefix(c).is_some_and(|rest| prefix_then_tail(chars.as_str(), rest))
            }
            _ => false,
        },
        Some('(') => {
            let Some((group, after)) = chars.as_str().split_once(')') else { return false };
            group.split('|').any(|alternative| {
                alternative.chars().all(|c| c.is_ascii_alphanumeric())
                    && region.strip_prefix(alternative).is_some_and(|rest| prefix_then_tail(after, rest))
            })
        }
        Some(c) if c.is_ascii_alphanumeric() => {
            region.strip_prefix(c).is_some_and(|rest| prefix_then_tail(chars.as_str(), rest))
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_has_the_shape_the_matcher_reads() {
        for partition in PARTITIONS {
            let named = partition.regions.iter().filter(|r| !r.ends_with("-global"));
            for region in named {
                assert!(partition.matches_region(region), "{} does not match {region}", partition.region_regex);
            }
        }
    }

    /// The matcher says what the `regex` crate says (ASCII classes) for every pattern of the table,
    /// on known regions and on variations of them.
    #[test]
    fn matcher_agrees_with_the_regex_crate() {
        let mut values: Vec<String> = ["", "-", "us", "us-", "us--1", "us-east-", "us-east-1-", "us_east_1", "-east-1"]
            .into_iter()
            .map(str::to_owned)
            .collect();
        for partition in PARTITIONS {
            for region in partition.regions {
                values.push((*region).to_owned());
                let (head, number) = region.rsplit_once('-').unwrap_or((region, ""));
                for tail in ["", "-", "-x", "-12", "-1a", "-١", "-_", "-9-1", "_1"] {
                    values.push(format!("{region}{tail}"));
                    values.push(format!("{head}{tail}"));
                    values.push(format!("{head}-{number}{tail}"));
                }
                for insert in ["x", "-", "_", "é", " ", "1"] {
                    for at in (0..=region.len()).filter(|&at| region.is_char_boundary(at)) {
                        values.push(format!("{}{insert}{}", &region[..at], &region[at..]));
                    }
                }
                values.push(region.to_uppercase());
                values.push(region.replace('-', "_"));
                values.push(format!("x{region}"));
                values.push(format!("{region}\n"));
            }
        }
        for partition in PARTITIONS {
            let re = regex::RegexBuilder::new(partition.region_regex).unicode(false).build().expect("compiles");
            for value in &values {
                assert_eq!(
                    partition.matches_region(value),
                    re.is_match(value),
                    "{} on {value:?}",
                    partition.region_regex
                );
            }
        }
        assert!(values.len() > 1000, "{}", values.len());
    }

    #[test]
    fn patterns_of_other_shapes_match_nothing() {
        for regex in
            [r"^us\-\w+\-\d+", r"^us.\-\w+\-\d+$", r"^(u(s)|eu)\-\w+\-\d+$", r"^(us\-\w+\-\d+$", r"^\w\-\w+\-\d+$"]
        {
            let partition = Partition { region_regex: regex, ..PARTITIONS[0] };
            assert!(!partition.matches_region("us-east-1") && !partition.matches_region("usx-east-1"), "{regex}");
        }
    }

    #[test]
    fn regions_find_their_partition() {
        for (region, id) in [
            ("us-east-1", "aws"),
            ("eu-central-1", "aws"),
            ("aws-global", "aws"),
            ("ap-southeast-9", "aws"),
            ("cn-north-1", "aws-cn"),
            ("cn-south-7", "aws-cn"),
            ("us-gov-west-1", "aws-us-gov"),
            ("us-gov-north-9", "aws-us-gov"),
            ("us-iso-east-1", "aws-iso"),
            ("us-isob-east-1", "aws-iso-b"),
            ("eu-isoe-west-1", "aws-iso-e"),
            ("us-isof-south-1", "aws-iso-f"),
            ("eusc-de-east-1", "aws-eusc"),
            ("eusc-de-west-2", "aws-eusc"),
            ("mars-east-1", "aws"),
            ("", "aws"),
            ("us-east-١", "aws"),
        ] {
            assert_eq!(find(region).id, id, "{region}");
        }
    }

    #[test]
    fn patterns_do_not_overlap_known_regions_of_other_partitions() {
        for partition in PARTITIONS {
            for region in partition.regions.iter().filter(|r| !r.ends_with("-global")) {
                let matching: Vec<_> = PARTITIONS.iter().filter(|p| p.matches_region(region)).map(|p| p.id).collect();
                assert_eq!(matching, [partition.id], "{region}");
            }
        }
    }
}

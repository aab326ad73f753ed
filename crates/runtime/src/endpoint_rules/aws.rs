//! The AWS library functions besides `aws.partition`: `aws.parseArn` and
//! `aws.isVirtualHostableS3Bucket`.

use super::url::is_ip;
use super::value::Value;
use std::collections::BTreeMap;

/// `aws.parseArn`: `arn:partition:service:region:account-id:resource` as the record
/// `{partition, service, region, accountId, resourceId}`, where `resourceId` is the resource
/// split at every `:` and `/`. `None` when `arn` is not an ARN (partition, service and
/// resource must not be empty; region and account id may).
pub(crate) fn parse_arn(arn: &str) -> Option<Value> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account_id, resource] = parts.as_slice() else {
        return None;
    };
    if *prefix != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let resource_id = resource.split([':', '/']).map(Value::from).collect();
    Some(Value::Record(BTreeMap::from([
        ("partition".to_owned(), Value::from(*partition)),
        ("service".to_owned(), Value::from(*service)),
        ("region".to_owned(), Value::from(*region)),
        ("accountId".to_owned(), Value::from(*account_id)),
        ("resourceId".to_owned(), Value::Array(resource_id)),
    ])))
}

/// `aws.isVirtualHostableS3Bucket`: whether `bucket` can be the first label(s) of an S3 host:
/// 3 to 63 characters, lower-case letters, digits and `-` (and `.` when `allow_sub_domains`,
/// never next to another `.` or a `-`), starting and ending with a letter or digit, and not
/// shaped like an IPv4 address.
pub(crate) fn is_virtual_hostable_s3_bucket(bucket: &str, allow_sub_domains: bool) -> bool {
    let bytes = bucket.as_bytes();
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    if !(3..=63).contains(&bytes.len()) || !alnum(first) || !alnum(last) {
        return false;
    }
    if !allow_sub_domains {
        return bytes.iter().all(|&b| alnum(b) || b == b'-');
    }
    let mut previous = first;
    for &b in &bytes[1..] {
        let ok = match b {
            b'.' => previous != b'.' && previous != b'-',
            b'-' => previous != b'.',
            other => alnum(other),
        };
        if !ok {
            return false;
        }
        previous = b;
    }
    !is_ip(bucket)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_are_split() {
        let arn = parse_arn("arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/b").unwrap();
        assert_eq!(
            arn.to_json(),
            serde_json::json!({
                "partition": "aws", "service": "chime", "region": "us-east-1", "accountId": "123456789012",
                "resourceId": ["app-instance", "a", "channel", "b"],
            })
        );
        let s3 = parse_arn("arn:aws:s3:::bucket").unwrap().to_json();
        assert_eq!(s3["region"], "");
        assert_eq!(s3["resourceId"], serde_json::json!(["bucket"]));
        let colons = parse_arn("arn:aws:sns:us-west-2:1:topic:sub:x").unwrap().to_json();
        assert_eq!(colons["resourceId"], serde_json::json!(["topic", "sub", "x"]));
        for bad in ["", "arn", "arn:aws:s3:::", "arn::s3:::b", "arn:aws::::b", "nra:aws:s3:::b", "arn:aws:s3::b"] {
            assert_eq!(parse_arn(bad), None, "{bad}");
        }
    }

    #[test]
    fn bucket_names() {
        for (bucket, dots, ok) in [
            ("my-bucket", false, true),
            ("abc", false, true),
            ("ab", false, false),
            ("a".repeat(64).as_str(), false, false),
            ("My-bucket", false, false),
            ("-bucket", false, false),
            ("bucket-", false, false),
            ("my.bucket", false, false),
            ("my.bucket", true, true),
            ("my..bucket", true, false),
            ("my.-bucket", true, false),
            ("my-.bucket", true, false),
            ("192.168.1.1", true, false),
            ("", true, false),
            ("é-é", false, false),
        ] {
            assert_eq!(is_virtual_hostable_s3_bucket(bucket, dots), ok, "{bucket} {dots}");
        }
    }
}

"""Runs the SAM transform (aws-sam-translator) over a template, offline, and prints the CloudFormation JSON.

Usage: python3 sam_translate.py template.yaml [Key=Value ...]   (parameter overrides)
Exit status 1 with the translator's error messages when the template is invalid for SAM.
"""
import json
import os
import sys

import boto3  # noqa: F401  (samtranslator imports it; fail early with a clear message if missing)
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    """The template uses inline statements only, so no managed policy ARNs need resolving."""

    def load(self):
        return {}


def main():
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")  # pseudo parameters only; nothing is called
    with open(sys.argv[1]) as f:
        template = yaml_parse(f.read())
    overrides = dict(arg.split("=", 1) for arg in sys.argv[2:])
    # `sam deploy` uploads each local CodeUri and rewrites it to an S3 URI before the transform runs.
    for resource in template.get("Resources", {}).values():
        props = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and not str(props.get("CodeUri", "")).startswith("s3://"):
            props["CodeUri"] = "s3://example-bucket/" + str(props.get("CodeUri"))
    try:
        out = transform(template, overrides, NoManagedPolicies(), feature_toggle=None, passthrough_metadata=False)
    except InvalidDocumentException as e:
        for cause in e.causes:
            print("SAM error: " + cause.message, file=sys.stderr)
        sys.exit(1)
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main()

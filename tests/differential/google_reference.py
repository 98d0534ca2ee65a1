"""Reference proto3 JSON parser: Google's protobuf for Python (json_format).

Reads one base64 line per input from standard input and writes one JSON line
per input, flushed at once so a client can pipeline many inputs:
    {"ok": true, "values": {...}} or {"ok": false, "error": "<reason>"}.
Values hold only the fields at a non-zero value: modelType as its number,
budgetMilliNodeHours as a decimal string, baseModelId as the string.

Run with /usr/bin/python3: Debian's python3-protobuf (4.21.12 when this was
written) imports only there. The descriptor is built at run time, so no
protoc is needed.
"""

import base64
import binascii
import json
import sys

from google.protobuf import descriptor_pb2
from google.protobuf import descriptor_pool
from google.protobuf import json_format
from google.protobuf import message_factory

PACKAGE = 'google.cloud.aiplatform.v1.schema.trainingjob.definition'
MESSAGE_NAME = 'AutoMlImageSegmentationInputs'
MODEL_TYPES = [
        ('MODEL_TYPE_UNSPECIFIED', 0),
        ('CLOUD_HIGH_ACCURACY_1', 1),
        ('CLOUD_LOW_ACCURACY_1', 2),
        ('MOBILE_TF_LOW_LATENCY_1', 3),
]
# Maximum length of an error reason written back: a hint, not a report.
MAX_REASON_LENGTH = 200


def build_file_descriptor():
    """Return the FileDescriptorProto that protoc would make for the message."""
    file_proto = descriptor_pb2.FileDescriptorProto(
            name='segform/auto_ml_image_segmentation.proto',
            package=PACKAGE,
            syntax='proto3')
    message = file_proto.message_type.add(name=MESSAGE_NAME)
    model_type = message.enum_type.add(name='ModelType')
    for name, number in MODEL_TYPES:
        model_type.value.add(name=name, number=number)

    field_type = descriptor_pb2.FieldDescriptorProto
    optional = field_type.LABEL_OPTIONAL
    message.field.add(
            name='model_type', number=1, label=optional,
            type=field_type.TYPE_ENUM,
            type_name='.%s.%s.ModelType' % (PACKAGE, MESSAGE_NAME),
            json_name='modelType')
    message.field.add(
            name='budget_milli_node_hours', number=2, label=optional,
            type=field_type.TYPE_INT64, json_name='budgetMilliNodeHours')
    message.field.add(
            name='base_model_id', number=3, label=optional,
            type=field_type.TYPE_STRING, json_name='baseModelId')
    return file_proto


def build_message_class():
    pool = descriptor_pool.DescriptorPool()
    pool.Add(build_file_descriptor())
    descriptor = pool.FindMessageTypeByName('%s.%s' % (PACKAGE, MESSAGE_NAME))
    # Debian's 4.21.12 has only MessageFactory.GetPrototype. Newer releases
    # offer GetMessageClass in its place.
    if hasattr(message_factory, 'GetMessageClass'):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def read_values(message):
    """Return the set fields of a parsed message in the shared values shape."""
    values = {}
    for field, value in message.ListFields():
        if field.name == 'model_type':
            values['modelType'] = int(value)
        elif field.name == 'budget_milli_node_hours':
            values['budgetMilliNodeHours'] = str(value)
        elif field.name == 'base_model_id':
            values['baseModelId'] = value
    return values


def short_reason(error):
    text = '%s: %s' % (type(error).__name__, error)
    first_line = text.splitlines()[0] if text else ''
    return first_line[:MAX_REASON_LENGTH]


def parse_line(line, message_class, ignore_unknown_fields=False):
    """Decode one base64 line, parse it and return the result object."""
    try:
        raw = base64.b64decode(line.strip(), validate=True)
    except (binascii.Error, ValueError) as error:
        return {'ok': False, 'error': 'invalid base64 line: %s' % error}
    try:
        text = raw.decode('utf-8', errors='strict')
    except UnicodeDecodeError as error:
        return {'ok': False, 'error': 'invalid UTF-8: %s' % short_reason(error)}
    message = message_class()
    try:
        json_format.Parse(text, message,
                          ignore_unknown_fields=ignore_unknown_fields)
        return {'ok': True, 'values': read_values(message)}
    # The parser raises ParseError for most problems, but TypeError,
    # OverflowError and RecursionError escape it on some inputs (a top-level
    # number, an infinite enum value, deep nesting). Each is a reject.
    except Exception as error:  # pylint: disable=broad-except
        return {'ok': False, 'error': short_reason(error)}


def main():
    message_class = build_message_class()
    ignore_unknown_fields = '--ignore-unknown-fields' in sys.argv[1:]
    for line in sys.stdin.buffer:
        result = parse_line(line, message_class, ignore_unknown_fields)
        sys.stdout.write(json.dumps(result, ensure_ascii=True) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()

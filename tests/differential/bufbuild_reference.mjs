// Reference proto3 JSON parser: @bufbuild/protobuf v2 (fromJsonString with
// default options, so unknown fields are rejected). The message descriptor is
// built at run time from a FileDescriptorProto, as protoc would write it.

import { create, createFileRegistry, fromJsonString } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
} from '@bufbuild/protobuf/wkt';

const packageName = 'google.cloud.aiplatform.v1.schema.trainingjob.definition';
const messageName = 'AutoMlImageSegmentationInputs';

function buildFileDescriptor() {
  const optional = FieldDescriptorProto_Label.OPTIONAL;
  return create(FileDescriptorProtoSchema, {
    name: 'segform/auto_ml_image_segmentation.proto',
    package: packageName,
    syntax: 'proto3',
    messageType: [
      {
        name: messageName,
        enumType: [
          {
            name: 'ModelType',
            value: [
              { name: 'MODEL_TYPE_UNSPECIFIED', number: 0 },
              { name: 'CLOUD_HIGH_ACCURACY_1', number: 1 },
              { name: 'CLOUD_LOW_ACCURACY_1', number: 2 },
              { name: 'MOBILE_TF_LOW_LATENCY_1', number: 3 },
            ],
          },
        ],
        field: [
          {
            name: 'model_type',
            number: 1,
            label: optional,
            type: FieldDescriptorProto_Type.ENUM,
            typeName: `.${packageName}.${messageName}.ModelType`,
            jsonName: 'modelType',
          },
          {
            name: 'budget_milli_node_hours',
            number: 2,
            label: optional,
            type: FieldDescriptorProto_Type.INT64,
            jsonName: 'budgetMilliNodeHours',
          },
          {
            name: 'base_model_id',
            number: 3,
            label: optional,
            type: FieldDescriptorProto_Type.STRING,
            jsonName: 'baseModelId',
          },
        ],
      },
    ],
  });
}

const registry = createFileRegistry(buildFileDescriptor(), () => undefined);

/** Descriptor of AutoMlImageSegmentationInputs, built at module load. */
export const inputsSchema = registry.getMessage(
  `${packageName}.${messageName}`,
);

// ignoreBOM keeps a leading U+FEFF in the text, as a caller that hands over a
// JSON string would, and fatal rejects invalid UTF-8 instead of replacing it.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Returns the set fields of a parsed message in the shared values shape. */
function readValues(message) {
  const values = {};
  if (message.modelType !== 0) values.modelType = message.modelType;
  if (message.budgetMilliNodeHours !== 0n) {
    values.budgetMilliNodeHours = String(message.budgetMilliNodeHours);
  }
  if (message.baseModelId !== '') values.baseModelId = message.baseModelId;
  return values;
}

/**
 * Parses raw input bytes as AutoMlImageSegmentationInputs.
 *
 * @param {Uint8Array} bytes the input exactly as given, possibly invalid UTF-8
 * @param {{ignoreUnknownFields?: boolean}} [options] passed to fromJsonString
 * @returns {{ok: true, values: object} | {ok: false, error: string}}
 */
export function parseWithBufbuild(bytes, options = {}) {
  let text;
  try {
    text = utf8Decoder.decode(bytes);
  } catch (error) {
    return { ok: false, error: `invalid UTF-8: ${error.message}` };
  }
  try {
    return {
      ok: true,
      values: readValues(fromJsonString(inputsSchema, text, options)),
    };
  } catch (error) {
    return { ok: false, error: String(error.message).slice(0, 200) };
  }
}

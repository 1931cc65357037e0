// Runs the unmodified Lambda of awslabs/cloudwatch-logs-customize-alarms (its index.js, aws-sdk v2) once,
// against the AWS endpoint in AWS_ENDPOINT_URL (the benchmark's moto server). Nothing of that project is
// kept in this repository: pass the folder holding its index.js, and have aws-sdk@2 on NODE_PATH.
// Usage: node awslabs-wrapper.js <folder-with-index.js> <sns-event.json>
const path = require('path');
const fs = require('fs');
const AWS = require('aws-sdk');

AWS.config.update({
  endpoint: process.env.AWS_ENDPOINT_URL,
  region: process.env.AWS_REGION || 'us-east-1',
  accessKeyId: process.env.AWS_ACCESS_KEY_ID || 'testing',
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY || 'testing',
});

const lambda = require(path.resolve(process.argv[2], 'index.js'));
const event = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
lambda.handler(event, {});

module.exports = require('../../../jest.angular.cjs')(__dirname, 'web-feature-home');

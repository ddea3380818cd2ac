// The modeling canvas and properties panel that Camunda Modeler (Camunda 7) is built from, in a page: it opens a
// CareLoop program and selects one element, so that the README can show an analyst what they will see.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule
} from 'bpmn-js-properties-panel';
import CamundaBehaviors from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';

window.openModel = async function (xml, elementId) {
  const modeler = new BpmnModeler({
    container: '#canvas',
    propertiesPanel: { parent: '#properties' },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviors
    ],
    moddleExtensions: { camunda: camundaModdle }
  });
  const { warnings } = await modeler.importXML(xml);
  const canvas = modeler.get('canvas');
  canvas.zoom('fit-viewport', 'auto');
  // a little smaller and to the right: the palette's column stays free
  canvas.zoom(canvas.zoom() * 0.92, 'auto');
  canvas.scroll({ dx: 40, dy: 0 });
  if (elementId) {
    const element = modeler.get('elementRegistry').get(elementId);
    if (!element) {
      throw new Error('No element ' + elementId);
    }
    // the properties panel follows the selection once it has drawn the imported diagram
    await new Promise((resolve) => setTimeout(resolve, 200));
    modeler.get('selection').select(element);
  }
  window.modeler = modeler;
  return warnings.length;
};

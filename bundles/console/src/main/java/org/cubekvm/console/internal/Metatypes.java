package org.cubekvm.console.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Finds the metatype of a PID among every bundle's, and describes it for the API. */
final class Metatypes {
    private Metatypes() {
    }

    /** @return the definition of the PID (or factory PID), or null when no bundle describes it */
    static ObjectClassDefinition find(BundleContext context, MetaTypeService service, String pid) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation information = service.getMetaTypeInformation(bundle);
            if (information == null) {
                continue;
            }
            if (Arrays.asList(information.getPids()).contains(pid) || Arrays.asList(information.getFactoryPids()).contains(pid)) {
                return information.getObjectClassDefinition(pid, null);
            }
        }
        return null;
    }

    static AttributeDefinition[] attributes(ObjectClassDefinition ocd) {
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        return all == null ? new AttributeDefinition[0] : all;
    }

    static ConfigDescription.Metatype describe(ObjectClassDefinition ocd) {
        List<ConfigDescription.Attribute> attributes = new ArrayList<>();
        AttributeDefinition[] required = ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        List<String> requiredIds = new ArrayList<>();
        for (AttributeDefinition definition : required == null ? new AttributeDefinition[0] : required) {
            requiredIds.add(definition.getID());
        }
        for (AttributeDefinition definition : attributes(ocd)) {
            List<ConfigDescription.Option> options = new ArrayList<>();
            String[] labels = definition.getOptionLabels();
            String[] values = definition.getOptionValues();
            for (int i = 0; values != null && i < values.length; i++) {
                options.add(new ConfigDescription.Option(labels != null && i < labels.length ? labels[i] : values[i], values[i]));
            }
            String[] defaults = definition.getDefaultValue();
            attributes.add(new ConfigDescription.Attribute(definition.getID(), definition.getName(), definition.getDescription(),
                    typeName(definition.getType()), Math.abs(definition.getCardinality()), requiredIds.contains(definition.getID()),
                    defaults == null ? List.of() : List.of(defaults), options, bound(definition, "getMin"),
                    bound(definition, "getMax")));
        }
        return new ConfigDescription.Metatype(ocd.getName(), ocd.getDescription(), attributes);
    }

    /** Felix's AttributeDefinition carries min/max (metatype 1.4 min/max attributes) through getters of its own. */
    private static String bound(AttributeDefinition definition, String getter) {
        try {
            Object value = definition.getClass().getMethod(getter).invoke(definition);
            return value == null ? null : value.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "String";
            case AttributeDefinition.LONG -> "Long";
            case AttributeDefinition.INTEGER -> "Integer";
            case AttributeDefinition.SHORT -> "Short";
            case AttributeDefinition.CHARACTER -> "Character";
            case AttributeDefinition.BYTE -> "Byte";
            case AttributeDefinition.DOUBLE -> "Double";
            case AttributeDefinition.FLOAT -> "Float";
            case AttributeDefinition.BOOLEAN -> "Boolean";
            case AttributeDefinition.PASSWORD -> "Password";
            default -> "String";
        };
    }
}

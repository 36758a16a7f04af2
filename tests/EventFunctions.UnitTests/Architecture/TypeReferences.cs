using System.Reflection;
using System.Reflection.Emit;

namespace EventFunctions.UnitTests.Architecture;

/// <summary>
/// The types of one assembly that a type uses, as the compiled code has them: base type, interfaces, fields,
/// properties, method signatures and locals, and every type, method and field the method bodies name in their IL. A
/// type's compiler-generated nested types (lambdas, iterators, async state machines) count as the type itself.
/// Constants are inlined by the compiler and leave no trace here; the source check in
/// <see cref="NamespaceDependencyTests"/> covers those.
/// </summary>
public static class TypeReferences
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The top-level type a type belongs to: itself, or the outermost type it is nested in.</summary>
    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    /// <summary>Every top-level type of <paramref name="type"/>'s assembly that <paramref name="type"/> (with its nested types) uses, other than itself.</summary>
    public static IReadOnlySet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        foreach (var t in WithNested(type)) Collect(t, found);
        var assembly = type.Assembly;
        return found.Where(t => t.Assembly == assembly).Select(Outermost).Where(t => t != type).ToHashSet();
    }

    private static IEnumerable<Type> WithNested(Type type) =>
        new[] { type }.Concat(type.GetNestedTypes(Declared).SelectMany(WithNested));

    private static void Collect(Type type, HashSet<Type> found)
    {
        Add(type.BaseType, found);
        foreach (var i in type.GetInterfaces()) Add(i, found);
        foreach (var a in type.IsGenericTypeDefinition ? type.GetGenericArguments() : []) AddConstraints(a, found);
        foreach (var f in type.GetFields(Declared)) Add(f.FieldType, found);
        foreach (var p in type.GetProperties(Declared)) Add(p.PropertyType, found);
        foreach (var e in type.GetEvents(Declared)) Add(e.EventHandlerType, found);
        foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (m is MethodInfo method) Add(method.ReturnType, found);
            foreach (var p in m.GetParameters()) Add(p.ParameterType, found);
            foreach (var a in m.IsGenericMethodDefinition ? m.GetGenericArguments() : []) AddConstraints(a, found);
            Body(m, found);
        }
    }

    private static void AddConstraints(Type parameter, HashSet<Type> found)
    {
        foreach (var c in parameter.GetGenericParameterConstraints()) Add(c, found);
    }

    private static void Body(MethodBase method, HashSet<Type> found)
    {
        var body = method.GetMethodBody();
        if (body is null) return;
        foreach (var local in body.LocalVariables) Add(local.LocalType, found);
        foreach (var clause in body.ExceptionHandlingClauses)
            if (clause.Flags == ExceptionHandlingClauseOptions.Clause) Add(clause.CatchType, found);
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    Member(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments, found);
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private static void Member(Module module, int token, Type[]? typeArguments, Type[]? methodArguments, HashSet<Type> found)
    {
        MemberInfo member;
        try
        {
            member = module.ResolveMember(token, typeArguments, methodArguments)!;
        }
        catch (ArgumentException)
        {
            return;
        }
        switch (member)
        {
            case Type t:
                Add(t, found);
                break;
            case FieldInfo f:
                Add(f.DeclaringType, found);
                Add(f.FieldType, found);
                break;
            case MethodBase m:
                Add(m.DeclaringType, found);
                if (m is MethodInfo mi)
                {
                    Add(mi.ReturnType, found);
                    foreach (var a in mi.IsGenericMethod ? mi.GetGenericArguments() : []) Add(a, found);
                }
                break;
        }
    }

    private static void Add(Type? type, HashSet<Type> found)
    {
        if (type is null || type.IsGenericParameter) return;
        if (type.HasElementType)
        {
            Add(type.GetElementType(), found);
            return;
        }
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            Add(type.GetGenericTypeDefinition(), found);
            foreach (var a in type.GetGenericArguments()) Add(a, found);
            return;
        }
        found.Add(type);
    }
}
